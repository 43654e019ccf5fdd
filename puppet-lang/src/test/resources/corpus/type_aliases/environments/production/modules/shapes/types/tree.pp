type Shapes::Tree = Variant[String, Array[Shapes::Tree]]
