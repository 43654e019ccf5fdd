function web::render(String $name, Integer $port, String $root) >> String {
  "server ${name}:${port} root ${root}\n"
}
