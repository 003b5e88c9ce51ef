locals {
  m = {for k,v in var.m: k=>v.enabled?v.value:null if v!=null}
  n = [for i,x in var.list: {index=i,value=x}]
  o = {for s in var.subnets: s.az=>s.id...}
}
