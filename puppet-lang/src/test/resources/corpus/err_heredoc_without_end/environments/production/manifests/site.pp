notify { 'a':
  message => @(EOT)
    text
    | END
}
