locals {
  a = [ 1, 2, 3 ]
  b = { a = 1, b = 2 }
  c = ( 1 + 2 )
  d = foo( 1, 2 )
  e = var.list[ 0 ]
  f = []
  g = {}
  h = [ ]
  i = { }
  j = foo ()
  k = var.m [ "key" ]
}
