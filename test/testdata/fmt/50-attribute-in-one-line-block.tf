resource "a" "b" {
  timeouts { create = "5m" }
  x {}
  y {  }
  z { a = 1 }
}
