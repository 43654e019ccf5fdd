$v = assert_type(Array[String], [1])
