locals {
  obj = {
    a = 1
    bbb = "two"
    "quoted key" = 3
    (var.k) = 4
    c: 5
    ddddd : 6
  }
  one = {a=1}
  colon = { a:1, b:2 }
}
