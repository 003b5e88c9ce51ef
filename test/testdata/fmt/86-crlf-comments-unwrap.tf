locals {
  a = 1 # one
  bbb = 2 # two
  c = "${var.c}"
}
