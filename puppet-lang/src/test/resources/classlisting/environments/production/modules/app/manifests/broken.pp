class app::broken (
  String $a = 'x'
  Integer $b = 1,
) { }
