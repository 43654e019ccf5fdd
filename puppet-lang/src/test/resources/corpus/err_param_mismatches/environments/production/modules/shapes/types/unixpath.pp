type Shapes::Unixpath = Pattern[/\A\/([^\n\/\0]+\/*)*\z/]
