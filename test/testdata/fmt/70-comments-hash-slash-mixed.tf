// top
resource "a" "b" {   // after brace
  x = 1        // c
  yyy = 2 # d
  z = 3 /* e */
  wwww = [] /* f */ # g
}
