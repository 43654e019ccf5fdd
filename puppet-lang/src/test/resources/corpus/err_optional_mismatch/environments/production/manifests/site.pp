class app (Optional[String] $o = 5) { }
include app
