resource "a" "b" {
      # only a comment
}
locals {
/* block */
}
