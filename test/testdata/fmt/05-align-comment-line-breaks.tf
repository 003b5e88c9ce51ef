locals {
  a = 1
  # a comment between
  bbbbbbbb = 2
  cc = 3
  // another
  dddddddddddd = 4
  /* block */
  e = 5
}
