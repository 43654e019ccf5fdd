# The parser meets the stray word before the lexer reaches the backtick and the unclosed quote below
notify { 'a':
  message => 'one' two,
}
$x = `true`
$y = 'unclosed
