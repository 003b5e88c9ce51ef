locals {
  a = 1 # c1
  # standalone
  bbbb = 2 # c2
  cc = 3   # c3

  ddddddd = 4 # c4
}
