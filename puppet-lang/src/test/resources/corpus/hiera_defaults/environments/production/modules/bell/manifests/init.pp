class bell (String $tone, String $pitch) {
  notify { "bell ${tone} ${pitch}": }
}
