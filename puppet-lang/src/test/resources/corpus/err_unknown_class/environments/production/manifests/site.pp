node default {
  include nosuch
}
