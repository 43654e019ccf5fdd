class chime (Array[String] $servers, Integer $port, String $mode) {
  notify { "chime ${mode} ${port}": message => $servers }
}
