type Stdlib::Absolutepath = Variant[Stdlib::Windowspath, Stdlib::Unixpath]
