shop_widget { 'W-9':
  colour => 'red',
}
