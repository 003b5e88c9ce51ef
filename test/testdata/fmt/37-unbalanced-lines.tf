locals {
  a = [1, 2,
    3, 4]
  b = { x = 1,
  y = 2 }
  c = foo(1,
          2,
          3)
  d = [
    1, 2]
  e = 1
}
