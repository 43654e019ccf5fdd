# A Hash plus something that is neither an Array nor a Hash (here an unset class parameter) is refused.
class service_env($extra = undef) {
  $environment = {
    'MAX_OPEN_FILES' => '65535',
  } + $extra
}
include service_env
