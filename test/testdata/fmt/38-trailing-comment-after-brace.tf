resource "a" "b" { # opening comment
  x = 1 # trailing
  inner { # inner comment
    y = 2
  } # after inner
} # after outer
