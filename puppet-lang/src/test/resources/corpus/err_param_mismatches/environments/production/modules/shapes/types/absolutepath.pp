type Shapes::Absolutepath = Variant[Shapes::Windowspath, Shapes::Unixpath]
