"""Translated lines for the problems the domain reports by kind (it has no Qt to translate)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from models.accounts import LoginRefused
from models.db import DatabaseProblem
from models.workdays import LOCAL_ZONE


def database_problem_text(problem: DatabaseProblem) -> str:
    """One line saying what is wrong with the database and what to do."""
    texts = {
        "bad_url": QCoreApplication.translate("messages", "无法解析数据库地址 {target}"),
        "unsupported": QCoreApplication.translate(
            "messages", "只支持 SQLite 和 PostgreSQL 数据库，不支持 {target}"
        ),
        "not_a_database": QCoreApplication.translate(
            "messages", "{target} 不是数据库文件，请检查 --db 参数"
        ),
        "cannot_open": QCoreApplication.translate(
            "messages", "无法打开数据库文件 {target}，请检查路径与权限"
        ),
        "unreachable": QCoreApplication.translate(
            "messages", "无法连接数据库 {target}：{detail}。请检查地址与服务器是否运行"
        ),
        "older": QCoreApplication.translate(
            "messages", "数据库 {target} 的结构较旧，请先运行 python main.py db upgrade"
        ),
        "newer": QCoreApplication.translate(
            "messages", "数据库 {target} 已被更新版本的 GridDesk 升级，请更新本程序"
        ),
        "empty": QCoreApplication.translate(
            "messages", "数据库 {target} 是空的，请先运行 python main.py db upgrade"
        ),
        "foreign": QCoreApplication.translate(
            "messages", "{target} 中的表不属于 GridDesk，未作任何更改"
        ),
    }
    return texts[problem.kind].format(target=problem.target, detail=problem.detail)


def login_refused_text(refusal: LoginRefused) -> str:
    """Why a log-in was refused, without saying whether the name or the password was wrong."""
    if refusal.reason == "locked":
        until = refusal.until.astimezone(LOCAL_ZONE).strftime("%H:%M") if refusal.until else ""
        return QCoreApplication.translate(
            "messages", "登录失败次数过多，账号已锁定至 {time}"
        ).format(time=until)
    if refusal.reason == "post":
        return QCoreApplication.translate("messages", "该账号不能在此岗位值班")
    if refusal.reason == "inactive":
        return QCoreApplication.translate("messages", "该账号已停用")
    return QCoreApplication.translate("messages", "账号或密码错误")
