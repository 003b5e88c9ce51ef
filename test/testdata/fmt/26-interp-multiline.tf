locals {
  a = "${
    var.x
  }"
  b = "${var.x ? "a"
  : "b"}"
  c = "${(
    var.x ? 1 : 2
  )}"
  d = "${var.y}"
}
