resource "a" "b" {
  x = 1 # c
  yy = 2

  # leading comment for z
  zzz = 3 # c
  w = 4

  /* block */ v = 5
  uuuuu = 6
}
