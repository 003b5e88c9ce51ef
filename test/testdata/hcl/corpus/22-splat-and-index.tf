locals {
  ids         = aws_instance.web[*].id
  legacy_ids  = aws_instance.web.*.id
  private_ips = aws_instance.web[*].network_interface[0].private_ip
  nested      = var.list[0][1]["key"].attr
  dyn_index   = var.map[var.key]
  expr_index  = var.list[length(var.list) - 1]
  splat_all   = var.objects[*]
  attr_splat  = var.objects.*.name.first
  first_az    = data.aws_availability_zones.available.names[0]
  legacy      = var.list.0
  legacy_attr = var.list.0.name
  str_index   = var.map["with-dash"]
  paren_trav  = (var.obj).field
  call_index  = split(",", var.csv)[0]
  tuple_trav  = [var.a, var.b][0]
}
