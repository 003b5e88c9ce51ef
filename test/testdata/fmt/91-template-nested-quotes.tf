locals {
  a = "${join(",", [for s in var.l: "${s}-x"])}"
  b = "x${"y"}z"
  c = "${var.a}" == "b"
  d = ["${var.x}"]
}
