gadget { 'acme/rocket':
  weight => 3,
}
