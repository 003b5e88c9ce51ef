locals {
  a = 1 # one
  bbbb = 2    # two
  cc = "x"  // three
  ddddddd = [1, 2] /* four */
  e = 5
  ffffff = 6 # six
}
