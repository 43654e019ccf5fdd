# motd's own default template (an EPP file reading facts).
include motd
