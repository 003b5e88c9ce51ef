resource "x" "y" {
  a = 1
  bbbb = 2
  inner {
    c = 1
    dddddd = 2
  }
  eeeeeeee = 3
  f = 4
}
