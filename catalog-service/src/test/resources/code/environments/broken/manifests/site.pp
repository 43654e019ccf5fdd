node default {
  include does_not_exist
}
