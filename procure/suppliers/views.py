"""A supplier's own screens: register its structure, see its status, edit it, add members.

Every page that names a supplier in its URL checks that the signed-in user belongs to it
(or is a facilitator): another structure's id gives 404, as if it did not exist.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from procure.accounts.models import Role
from procure.accounts.services import AccountError, normalise_email
from procure.core.auth import role_required
from procure.extensions import db
from procure.suppliers import members, services
from procure.suppliers.forms import MemberForm, SupplierForm
from procure.suppliers.models import Supplier

bp = Blueprint("suppliers", __name__, url_prefix="/suppliers")
supplier_or_admin = role_required(Role.SUPPLIER, Role.ADMIN)


def own_supplier_or_404(supplier_id: int) -> Supplier:
    supplier = db.get_or_404(Supplier, supplier_id)
    if not services.can_edit(current_user, supplier):
        abort(404)
    return supplier


@bp.route("/register", methods=["GET", "POST"])
@role_required(Role.SUPPLIER)
def register():
    if current_user.supplier_id is not None:
        return redirect(url_for("suppliers.show", supplier_id=current_user.supplier_id))
    form = SupplierForm()
    if form.validate_on_submit() and (data := form.cleaned()) is not None:
        if services.find_by_siret(db.session, data.siret) is not None:
            form.siret.errors = [
                _(
                    "Cette structure est déjà inscrite : demandez à l'un de ses membres "
                    "de vous ajouter, ou contactez un facilitateur."
                )
            ]
        else:
            supplier = services.register_supplier(db.session, data, current_user)
            db.session.commit()
            flash(_("Structure enregistrée : un facilitateur va la vérifier."), "success")
            return redirect(url_for("suppliers.show", supplier_id=supplier.id))
    return render_template("suppliers/register.html", form=form)


@bp.get("/mine")
@role_required(Role.SUPPLIER)
def mine():
    if current_user.supplier_id is None:
        return redirect(url_for("suppliers.register"))
    return redirect(url_for("suppliers.show", supplier_id=current_user.supplier_id))


@bp.get("/<int:supplier_id>")
@supplier_or_admin
def show(supplier_id: int):
    supplier = own_supplier_or_404(supplier_id)
    return render_template("suppliers/show.html", supplier=supplier, member_form=MemberForm())


@bp.route("/<int:supplier_id>/edit", methods=["GET", "POST"])
@supplier_or_admin
def edit(supplier_id: int):
    supplier = own_supplier_or_404(supplier_id)
    form = SupplierForm()
    if not form.is_submitted():
        form.fill(supplier)
    form.siret.data = supplier.siret  # the identity never changes
    if form.validate_on_submit() and (data := form.cleaned()) is not None:
        was = supplier.status
        changes = services.update_supplier(
            db.session,
            supplier,
            data,
            services.Actor.of(current_user),
            by_owner=not current_user.is_admin,
        )
        db.session.commit()
        if not changes:
            flash(_("Aucune modification."), "info")
        elif supplier.status != was:
            flash(_("Modifications enregistrées : la structure sera vérifiée à nouveau."), "info")
        else:
            flash(_("Modifications enregistrées."), "success")
        return redirect(url_for("suppliers.show", supplier_id=supplier.id))
    return render_template("suppliers/edit.html", form=form, supplier=supplier)


@bp.post("/<int:supplier_id>/members")
@supplier_or_admin
def add_member(supplier_id: int):
    supplier = own_supplier_or_404(supplier_id)
    form = MemberForm()
    if form.validate_on_submit():
        email = normalise_email(form.email.data)
        try:
            invited = members.add_member(db.session, supplier, email, form.name.data)
        except AccountError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            db.session.commit()
            members.send_invitation(db.session, invited, email, supplier)
            # The same answer whether or not the address has an account (see members).
            flash(_("Une invitation a été envoyée à %(email)s.", email=email), "success")
    else:
        for errors in form.errors.values():
            for error in errors:
                flash(str(error), "error")
    return redirect(url_for("suppliers.show", supplier_id=supplier.id))


@bp.get("/join/<token>")
@login_required
def join(token: str):
    """The link of an invitation to an existing account: joins once logged in as it."""
    try:
        supplier = members.join(db.session, current_user, token)
    except AccountError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(url_for("core.home"))
    db.session.commit()
    flash(_("Vous faites maintenant partie de %(name)s.", name=supplier.name), "success")
    return redirect(url_for("suppliers.show", supplier_id=supplier.id))
