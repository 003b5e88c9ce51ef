/*
   A block comment
      keeps its inner layout
*/
resource "a" "b" {
    /* one-line block */
  x = /* inline */ 1
  /*
     multi-line
  */
  y = 2
}
