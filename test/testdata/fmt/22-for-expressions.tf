locals {
  a = [for x in var.list: x if x!=""]
  b = {for k,v in var.map: k=>v}
  c = {for k, v in var.map : k => v...}
  d = [for x in [1,2]: x*2]
  e = [
    for s in var.list :
    upper(s)
  ]
  f = {
    for k, v in var.m :
      k => v
      if v != null
  }
}
