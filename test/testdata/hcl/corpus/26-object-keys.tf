locals {
  colon_style = {
    "a" : 1,
    "b" : 2
  }
  mixed = {
    plain           = 1
    "quoted key"    = 2
    (var.dynamic)   = 3
    "${var.prefix}-name" = 4
    5               = "five"
    true            = "yes"
  }
  commas       = { a = 1, b = 2, c = 3, }
  trailing     = [1, 2, 3, ]
  empty_obj    = {}
  empty_tuple  = []
  multi_tuple = [
    "one",
    "two",
    "three"
  ]
  nested_obj = {
    level1 = {
      level2 = {
        level3 = ["deep", { x = 1 }]
      }
    }
  }
}
