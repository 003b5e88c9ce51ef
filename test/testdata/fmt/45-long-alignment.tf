locals {
  a = 1
  this_is_a_very_long_attribute_name_that_sets_the_column = 2
  b = 3
  c = "x" # comment c
  ddd = "yyyyyyyy" # comment d
  e = [1, 2, 3] # comment e
}
