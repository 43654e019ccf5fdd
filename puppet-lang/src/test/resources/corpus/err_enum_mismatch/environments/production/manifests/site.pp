class app (Enum['present', 'absent'] $ensure = 'gone') { }
include app
