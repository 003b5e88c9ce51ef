locals {
  a = 1
  long_name = [
    1,
    2,
  ]
  b = 2
  cccccc = {
    x = 1
    yyyy = 2
  }
  d = 3
}
