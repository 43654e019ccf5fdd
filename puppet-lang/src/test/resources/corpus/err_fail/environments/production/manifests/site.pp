if $facts['kernel'] == 'Linux' {
  fail('Linux is not supported here')
}
