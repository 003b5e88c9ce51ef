locals {
  a = 1 /* multi
  line */
  bb = 2
  /* a
     b */ ccc = 3
  d = 4
}
