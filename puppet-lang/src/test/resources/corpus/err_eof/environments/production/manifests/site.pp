class app {
  notify { 'x': 
