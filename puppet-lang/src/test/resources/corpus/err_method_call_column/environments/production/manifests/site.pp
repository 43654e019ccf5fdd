$y = {
  'a' => 1,
}.nosuchfn('a')
