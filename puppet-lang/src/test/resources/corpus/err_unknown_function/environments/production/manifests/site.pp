$x = nosuch_function(1)
