class shapes (
  Shapes::AbsolutePath $home = '/home/%s',
  Optional[Shapes::UnixPath] $log = undef,
  SHAPES::PORT $port = 8080,
  Variant[Type[Exec], Type[Service], Undef] $notify_service = Service['web'],
  Type[Resource] $anything = File['/etc/motd'],
  Shapes::Tree $tree = ['a', ['b', ['c']]],
  Variant[Pattern[/^file:/], Pattern[/^puppet:/], Shapes::Unixpath, Undef] $source = 'puppet:///x',
) {
  service { 'web': }
  notify { 'types':
    message => [
      "${Shapes::Port}", "${Optional[Shapes::Port]}", "${Shapes::Absolutepath}", "${Integer}", "${integer}",
      "${type([1])}", "${type({'a' => [1, 'b']})}", "${type(true)}", "${type('x')}", "${type(1.5)}",
      "${type([])}", "${type({})}", "${type({1 => 2})}", "${type($notify_service)}", "${type(Class['shapes'])}",
      "${type([1, 'a'], 'generalized')}", "${type([1, 2], 'reduced')}", "${type(Integer[1, default])}",
      "${File}", "${Resource['file']}", "${/a\/b/}", "${Pattern[/\A\/x/]}",
    ],
  }
  notify { 'checks':
    message => [
      Service['web'] =~ Type[Service], Service['web'] =~ Type[Resource], Service['web'] =~ Resource,
      Class['shapes'] =~ Type[Class], Class['shapes'] =~ Class, File =~ Type[Resource], 8080 =~ Shapes::Port,
      '/tmp' =~ Shapes::AbsolutePath, 'C:\\x' =~ Shapes::Absolutepath, 'x' =~ Shapes::Absolutepath,
      ['a', ['b']] =~ Shapes::Tree, ['a', [1]] =~ Shapes::Tree, INTEGER == Integer,
    ],
  }
}
