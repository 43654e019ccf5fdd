type Shapes::Port = Integer[0, 65535]
