locals {
  m = {
    a = 1, b = 2
    ccc = 3
    d = {
      e = 4
      ffff = 5
    }
    g = [
      1,
    ]
    hhhhhh = 6
  }
}
