resource "a" "b" {
  x = [
  1,
  2
        ]
  y = {
  a = 1
                          }
    }
