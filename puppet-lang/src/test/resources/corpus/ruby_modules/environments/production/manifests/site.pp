type Shop::Tier = Enum['bronze', 'gold']
notify { 'labels':
  message => [shop::label('web'), shop::label('db', 'gold'), shop::label(7)],
}
notify { 'pairs':
  message => shop::each_pair_joined({ 'a' => 1, 'b' => 2 }, 'x', 'y') |$k, $v| { "${k}=${v}" },
}
notify { 'settings':
  message => [shop::settings(), shop::check('good')],
}
notify { 'legacy':
  message => [shop_legacy_sum(1, '2', undef, 4), shop_legacy_sum('')],
}
shop_widget { 'W-1':
  price     => '9.50',
  gift_wrap => true,
}
shop_widget { 'second':
  sku => 'W-2',
}
shop_widget { 'W-3':
  sku => 'W-3',
}
