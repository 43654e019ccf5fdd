class app (Array[String] $a = ['x', 3]) { }
include app
