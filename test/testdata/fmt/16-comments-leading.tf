# top comment
   # indented top comment
resource "a" "b" {
# leading for x
       x = 1
    // leading for y
  y = 2
      /* leading block */
  z = 3
}
